SELECT
  `t27`.`patient_id`,
  `t27`.`arm`,
  `t27`.`modality`,
  `t27`.`graft_source`,
  `t27`.`second_infusion_day`,
  `t27`.`weight_kg`,
  `t27`.`death_day`,
  `t27`.`censor_day`,
  `t27`.`relapse_day`
FROM (
  SELECT
    `t26`.`patient_id`,
    `t26`.`arm`,
    `t26`.`modality`,
    `t26`.`graft_source`,
    `t26`.`second_infusion_day`,
    `t26`.`weight_kg`,
    `t26`.`death_day`,
    COALESCE(`t26`.`censor_day`, CAST(`t26`.`last_lab_day` AS BIGINT), 0) AS `censor_day`,
    `t26`.`relapse_day`,
    `t26`.`last_lab_day`
  FROM (
    SELECT
      `t25`.`patient_id`,
      `t25`.`arm`,
      `t25`.`modality`,
      `t25`.`graft_source`,
      `t25`.`second_infusion_day`,
      `t25`.`weight_kg`,
      `t25`.`death_day`,
      `t25`.`censor_day`,
      `t25`.`relapse_day`,
      `t25`.`last_lab_day`
    FROM (
      SELECT
        `t24`.`patient_id`,
        `t24`.`arm`,
        `t24`.`modality`,
        `t24`.`graft_source`,
        `t24`.`second_infusion_day`,
        `t24`.`weight_kg`,
        `t24`.`death_day`,
        `t24`.`censor_day`,
        `t24`.`relapse_day`,
        `t10`.`patient_id` AS `patient_id_right`,
        `t10`.`last_lab_day`
      FROM (
        SELECT
          `t22`.`patient_id`,
          `t22`.`arm`,
          `t22`.`modality`,
          `t22`.`graft_source`,
          `t22`.`second_infusion_day`,
          `t22`.`weight_kg`,
          `t22`.`death_day`,
          `t22`.`censor_day`,
          `t22`.`relapse_day`
        FROM (
          SELECT
            `t21`.`patient_id`,
            `t21`.`arm`,
            `t21`.`modality`,
            `t21`.`graft_source`,
            `t21`.`second_infusion_day`,
            `t21`.`weight_kg`,
            `t21`.`death_day`,
            `t21`.`censor_day`,
            `t14`.`patient_id` AS `patient_id_right`,
            `t14`.`relapse_day`
          FROM (
            SELECT
              `t19`.`patient_id`,
              `t19`.`arm`,
              `t19`.`modality`,
              `t19`.`graft_source`,
              `t19`.`second_infusion_day`,
              `t19`.`weight_kg`,
              `t19`.`death_day`,
              `t19`.`censor_day`
            FROM (
              SELECT
                `t18`.`patient_id`,
                `t18`.`arm`,
                `t18`.`modality`,
                `t18`.`graft_source`,
                `t18`.`second_infusion_day`,
                `t18`.`weight_kg`,
                `t15`.`patient_id` AS `patient_id_right`,
                `t15`.`death_day`,
                `t15`.`censor_day`
              FROM (
                SELECT
                  `t16`.`patient_id`,
                  `t16`.`arm`,
                  `t16`.`modality`,
                  `t16`.`graft_source`,
                  `t16`.`second_infusion_day`,
                  `t16`.`weight_kg`
                FROM (
                  SELECT
                    `t11`.`patient_id`,
                    `t11`.`arm`,
                    `t11`.`modality`,
                    `t11`.`graft_source`,
                    `t11`.`second_infusion_day`,
                    `t9`.`patient_id` AS `patient_id_right`,
                    `t9`.`weight_kg`
                  FROM (
                    SELECT
                      `t3`.`patient_id`,
                      COALESCE(`t3`.`arm`, `t3`.`modality`) AS `arm`,
                      `t3`.`modality`,
                      `t3`.`graft_source`,
                      CAST(`t3`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`
                    FROM `treatments` AS `t3`
                  ) AS `t11`
                  LEFT OUTER JOIN (
                    SELECT
                      `t4`.`patient_id`,
                      `t4`.`weight_kg`
                    FROM `patients` AS `t4`
                  ) AS `t9`
                    ON `t11`.`patient_id` = `t9`.`patient_id`
                ) AS `t16`
              ) AS `t18`
              LEFT OUTER JOIN (
                SELECT
                  `t2`.`patient_id`,
                  IF(
                    `t2`.`vital_status` = 'dead',
                    COALESCE(`t2`.`death_day`, `t2`.`last_contact_day`),
                    CAST(NULL AS BIGINT)
                  ) AS `death_day`,
                  GREATEST(
                    `t2`.`last_contact_day`,
                    COALESCE(
                      IF(
                        `t2`.`vital_status` = 'dead',
                        COALESCE(`t2`.`death_day`, `t2`.`last_contact_day`),
                        CAST(NULL AS BIGINT)
                      ),
                      `t2`.`last_contact_day`
                    )
                  ) AS `censor_day`
                FROM `followup` AS `t2`
              ) AS `t15`
                ON `t18`.`patient_id` = `t15`.`patient_id`
            ) AS `t19`
          ) AS `t21`
          LEFT OUTER JOIN (
            SELECT
              `t7`.`patient_id`,
              MIN(`t7`.`day`) AS `relapse_day`
            FROM (
              SELECT
                *
              FROM `disease_assessments` AS `t1`
              WHERE
                `t1`.`status` IN ('relapse', 'progression') AND `t1`.`day` > 0
            ) AS `t7`
            GROUP BY
              1
          ) AS `t14`
            ON `t21`.`patient_id` = `t14`.`patient_id`
        ) AS `t22`
      ) AS `t24`
      LEFT OUTER JOIN (
        SELECT
          `t0`.`patient_id`,
          MAX(`t0`.`day`) AS `last_lab_day`
        FROM `labs` AS `t0`
        GROUP BY
          1
      ) AS `t10`
        ON `t24`.`patient_id` = `t10`.`patient_id`
    ) AS `t25`
  ) AS `t26`
) AS `t27`
