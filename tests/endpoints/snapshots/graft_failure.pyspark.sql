WITH `t22` AS (
  SELECT
    `t17`.`patient_id`,
    `t17`.`day`,
    COALESCE(
      `t17`.`anc`,
      (
        `t17`.`wbc` * (
          `t17`.`seg` + COALESCE(`t17`.`bands`, 0.0)
        )
      ) / 100.0
    ) AS `value`
  FROM (
    SELECT
      `t7`.`patient_id`,
      `t7`.`day`,
      MIN(IF(`t7`.`analyte` = 'anc', IF(`t7`.`qualifier` = '<', 0.0, `t7`.`value`), NULL)) AS `anc`,
      MIN(IF(`t7`.`analyte` = 'wbc', IF(`t7`.`qualifier` = '<', 0.0, `t7`.`value`), NULL)) AS `wbc`,
      MIN(
        IF(`t7`.`analyte` = 'neut_pct', IF(`t7`.`qualifier` = '<', 0.0, `t7`.`value`), NULL)
      ) AS `seg`,
      MAX(
        IF(`t7`.`analyte` = 'bands_pct', IF(`t7`.`qualifier` = '<', 0.0, `t7`.`value`), NULL)
      ) AS `bands`
    FROM (
      SELECT
        *
      FROM `labs` AS `t0`
      WHERE
        `t0`.`analyte` IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND `t0`.`day` >= 0
    ) AS `t7`
    GROUP BY
      1,
      2
  ) AS `t17`
), `t36` AS (
  SELECT
    `t33`.`patient_id`,
    CAST(MIN(IF(`t33`.`run_start` AND `t33`.`failed_before`, `t33`.`day`, NULL)) AS BIGINT) AS `day`,
    BOOL_OR(NOT (
      `t33`.`meets`
    )) AS `applicable`
  FROM (
    SELECT
      `t27`.`patient_id`,
      `t27`.`day`,
      `t27`.`value`,
      `t27`.`meets`,
      `t27`.`meets`
      AND COALESCE(
        LEAD(`t27`.`meets`, 1) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST),
        FALSE
      )
      AND COALESCE(
        LEAD(`t27`.`meets`, 2) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD(`t27`.`day`, 1) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST) IS NOT NULL
        )
        AND (
          LEAD(`t27`.`day`, 2) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST) IS NOT NULL
        )
      ) AS `run_start`,
      SUM(IF(`t27`.`meets`, 0, 1)) OVER (
        PARTITION BY `t27`.`patient_id`
        ORDER BY `t27`.`day` ASC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS `failed_before`
    FROM (
      SELECT
        `t24`.`patient_id`,
        `t24`.`day`,
        `t24`.`value`,
        `t24`.`value` >= 0.5 AS `meets`
      FROM `t22` AS `t24`
      WHERE
        `t24`.`value` IS NOT NULL AND NOT ISNAN(`t24`.`value`)
    ) AS `t27`
  ) AS `t33`
  GROUP BY
    1
)
SELECT
  `t52`.`patient_id`,
  CASE
    WHEN NOT (
      `t52`.`modality` IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN `t52`.`graft_source` = 'bm'
          THEN 28
          WHEN `t52`.`graft_source` = 'pbsc'
          THEN 28
          WHEN `t52`.`graft_source` = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN (
      (
        `t52`.`applicable` IS NOT NULL
      )
      AND NOT (
        COALESCE(`t52`.`applicable`, TRUE)
      )
    )
    OR (
      (
        `t52`.`day` IS NOT NULL
      )
      AND (
        `t52`.`day` <= CASE
          WHEN `t52`.`graft_source` = 'bm'
          THEN 28
          WHEN `t52`.`graft_source` = 'pbsc'
          THEN 28
          WHEN `t52`.`graft_source` = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END
      )
    )
    THEN 'no'
    WHEN `t52`.`censor_day` >= CASE
      WHEN `t52`.`graft_source` = 'bm'
      THEN 28
      WHEN `t52`.`graft_source` = 'pbsc'
      THEN 28
      WHEN `t52`.`graft_source` = 'cord'
      THEN 42
      ELSE CAST(NULL AS BIGINT)
    END
    THEN 'yes'
    ELSE 'not_evaluable'
  END AS `primary_graft_failure`,
  CASE
    WHEN NOT (
      `t52`.`modality` IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN `t52`.`graft_source` = 'bm'
          THEN 28
          WHEN `t52`.`graft_source` = 'pbsc'
          THEN 28
          WHEN `t52`.`graft_source` = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN (
      `t52`.`applicable` IS NOT NULL
    )
    AND NOT (
      COALESCE(`t52`.`applicable`, TRUE)
    )
    THEN 'no'
    WHEN `t52`.`day` IS NULL
    THEN 'not_applicable'
    WHEN `t52`.`loss_day` IS NOT NULL
    THEN 'yes'
    ELSE 'no'
  END AS `secondary_graft_failure`
FROM (
  SELECT
    `t51`.`patient_id`,
    `t51`.`arm`,
    `t51`.`modality`,
    `t51`.`graft_source`,
    `t51`.`second_infusion_day`,
    `t51`.`weight_kg`,
    `t51`.`death_day`,
    `t51`.`censor_day`,
    `t51`.`relapse_day`,
    `t51`.`day`,
    `t51`.`applicable`,
    `t51`.`loss_day`
  FROM (
    SELECT
      `t45`.`patient_id`,
      `t45`.`arm`,
      `t45`.`modality`,
      `t45`.`graft_source`,
      `t45`.`second_infusion_day`,
      `t45`.`weight_kg`,
      `t45`.`death_day`,
      `t45`.`censor_day`,
      `t45`.`relapse_day`,
      `t45`.`day`,
      `t45`.`applicable`,
      `t50`.`patient_id` AS `patient_id_right`,
      `t50`.`loss_day`
    FROM (
      SELECT
        `t43`.`patient_id`,
        `t43`.`arm`,
        `t43`.`modality`,
        `t43`.`graft_source`,
        `t43`.`second_infusion_day`,
        `t43`.`weight_kg`,
        `t43`.`death_day`,
        `t43`.`censor_day`,
        `t43`.`relapse_day`,
        `t43`.`day`,
        `t43`.`applicable`
      FROM (
        SELECT
          `t39`.`patient_id`,
          `t39`.`arm`,
          `t39`.`modality`,
          `t39`.`graft_source`,
          `t39`.`second_infusion_day`,
          `t39`.`weight_kg`,
          `t39`.`death_day`,
          `t39`.`censor_day`,
          `t39`.`relapse_day`,
          `t40`.`patient_id` AS `patient_id_right`,
          `t40`.`day`,
          `t40`.`applicable`
        FROM (
          SELECT
            `t35`.`patient_id`,
            `t35`.`arm`,
            `t35`.`modality`,
            `t35`.`graft_source`,
            `t35`.`second_infusion_day`,
            `t35`.`weight_kg`,
            `t35`.`death_day`,
            `t35`.`censor_day`,
            `t35`.`relapse_day`
          FROM (
            SELECT
              `t34`.`patient_id`,
              `t34`.`arm`,
              `t34`.`modality`,
              `t34`.`graft_source`,
              `t34`.`second_infusion_day`,
              `t34`.`weight_kg`,
              `t34`.`death_day`,
              COALESCE(`t34`.`censor_day`, CAST(`t34`.`last_lab_day` AS BIGINT), 0) AS `censor_day`,
              `t34`.`relapse_day`,
              `t34`.`last_lab_day`
            FROM (
              SELECT
                `t32`.`patient_id`,
                `t32`.`arm`,
                `t32`.`modality`,
                `t32`.`graft_source`,
                `t32`.`second_infusion_day`,
                `t32`.`weight_kg`,
                `t32`.`death_day`,
                `t32`.`censor_day`,
                `t32`.`relapse_day`,
                `t32`.`last_lab_day`
              FROM (
                SELECT
                  `t31`.`patient_id`,
                  `t31`.`arm`,
                  `t31`.`modality`,
                  `t31`.`graft_source`,
                  `t31`.`second_infusion_day`,
                  `t31`.`weight_kg`,
                  `t31`.`death_day`,
                  `t31`.`censor_day`,
                  `t31`.`relapse_day`,
                  `t11`.`patient_id` AS `patient_id_right`,
                  `t11`.`last_lab_day`
                FROM (
                  SELECT
                    `t29`.`patient_id`,
                    `t29`.`arm`,
                    `t29`.`modality`,
                    `t29`.`graft_source`,
                    `t29`.`second_infusion_day`,
                    `t29`.`weight_kg`,
                    `t29`.`death_day`,
                    `t29`.`censor_day`,
                    `t29`.`relapse_day`
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
                      `t15`.`patient_id` AS `patient_id_right`,
                      `t15`.`relapse_day`
                    FROM (
                      SELECT
                        `t21`.`patient_id`,
                        `t21`.`arm`,
                        `t21`.`modality`,
                        `t21`.`graft_source`,
                        `t21`.`second_infusion_day`,
                        `t21`.`weight_kg`,
                        `t21`.`death_day`,
                        `t21`.`censor_day`
                      FROM (
                        SELECT
                          `t20`.`patient_id`,
                          `t20`.`arm`,
                          `t20`.`modality`,
                          `t20`.`graft_source`,
                          `t20`.`second_infusion_day`,
                          `t20`.`weight_kg`,
                          `t16`.`patient_id` AS `patient_id_right`,
                          `t16`.`death_day`,
                          `t16`.`censor_day`
                        FROM (
                          SELECT
                            `t18`.`patient_id`,
                            `t18`.`arm`,
                            `t18`.`modality`,
                            `t18`.`graft_source`,
                            `t18`.`second_infusion_day`,
                            `t18`.`weight_kg`
                          FROM (
                            SELECT
                              `t12`.`patient_id`,
                              `t12`.`arm`,
                              `t12`.`modality`,
                              `t12`.`graft_source`,
                              `t12`.`second_infusion_day`,
                              `t10`.`patient_id` AS `patient_id_right`,
                              `t10`.`weight_kg`
                            FROM (
                              SELECT
                                `t3`.`patient_id`,
                                COALESCE(`t3`.`arm`, `t3`.`modality`) AS `arm`,
                                `t3`.`modality`,
                                `t3`.`graft_source`,
                                CAST(`t3`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`
                              FROM `treatments` AS `t3`
                            ) AS `t12`
                            LEFT OUTER JOIN (
                              SELECT
                                `t4`.`patient_id`,
                                `t4`.`weight_kg`
                              FROM `patients` AS `t4`
                            ) AS `t10`
                              ON `t12`.`patient_id` = `t10`.`patient_id`
                          ) AS `t18`
                        ) AS `t20`
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
                        ) AS `t16`
                          ON `t20`.`patient_id` = `t16`.`patient_id`
                      ) AS `t21`
                    ) AS `t25`
                    LEFT OUTER JOIN (
                      SELECT
                        `t8`.`patient_id`,
                        MIN(`t8`.`day`) AS `relapse_day`
                      FROM (
                        SELECT
                          *
                        FROM `disease_assessments` AS `t1`
                        WHERE
                          `t1`.`status` IN ('relapse', 'progression') AND `t1`.`day` > 0
                      ) AS `t8`
                      GROUP BY
                        1
                    ) AS `t15`
                      ON `t25`.`patient_id` = `t15`.`patient_id`
                  ) AS `t29`
                ) AS `t31`
                LEFT OUTER JOIN (
                  SELECT
                    `t0`.`patient_id`,
                    MAX(`t0`.`day`) AS `last_lab_day`
                  FROM `labs` AS `t0`
                  GROUP BY
                    1
                ) AS `t11`
                  ON `t31`.`patient_id` = `t11`.`patient_id`
              ) AS `t32`
            ) AS `t34`
          ) AS `t35`
        ) AS `t39`
        LEFT OUTER JOIN `t36` AS `t40`
          ON `t39`.`patient_id` = `t40`.`patient_id`
      ) AS `t43`
    ) AS `t45`
    LEFT OUTER JOIN (
      SELECT
        `t48`.`patient_id`,
        CAST(MIN(IF(`t48`.`run_start`, `t48`.`day`, NULL)) AS BIGINT) AS `loss_day`
      FROM (
        SELECT
          `t47`.`patient_id`,
          `t47`.`day`,
          `t47`.`value`,
          `t47`.`meets`,
          `t47`.`meets`
          AND COALESCE(
            LEAD(`t47`.`meets`, 1) OVER (PARTITION BY `t47`.`patient_id` ORDER BY `t47`.`day` ASC NULLS LAST),
            FALSE
          )
          AND COALESCE(
            LEAD(`t47`.`meets`, 2) OVER (PARTITION BY `t47`.`patient_id` ORDER BY `t47`.`day` ASC NULLS LAST),
            FALSE
          )
          AND (
            TRUE
            AND (
              LEAD(`t47`.`day`, 1) OVER (PARTITION BY `t47`.`patient_id` ORDER BY `t47`.`day` ASC NULLS LAST) IS NOT NULL
            )
            AND (
              LEAD(`t47`.`day`, 2) OVER (PARTITION BY `t47`.`patient_id` ORDER BY `t47`.`day` ASC NULLS LAST) IS NOT NULL
            )
          ) AS `run_start`,
          SUM(IF(`t47`.`meets`, 0, 1)) OVER (
            PARTITION BY `t47`.`patient_id`
            ORDER BY `t47`.`day` ASC NULLS LAST
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
          ) > 0 AS `failed_before`
        FROM (
          SELECT
            `t46`.`patient_id`,
            `t46`.`day`,
            `t46`.`value`,
            `t46`.`value` < 0.5 AS `meets`
          FROM (
            SELECT
              `t28`.`patient_id`,
              `t28`.`day`,
              `t28`.`value`,
              `t42`.`engraftment_day`
            FROM (
              SELECT
                *
              FROM `t22` AS `t24`
              WHERE
                `t24`.`value` IS NOT NULL AND NOT ISNAN(`t24`.`value`)
            ) AS `t28`
            INNER JOIN (
              SELECT
                `t38`.`patient_id`,
                `t38`.`day` AS `engraftment_day`
              FROM `t36` AS `t38`
              WHERE
                `t38`.`day` IS NOT NULL
            ) AS `t42`
              ON `t28`.`patient_id` = `t42`.`patient_id`
          ) AS `t46`
          WHERE
            `t46`.`day` > `t46`.`engraftment_day`
        ) AS `t47`
      ) AS `t48`
      GROUP BY
        1
    ) AS `t50`
      ON `t45`.`patient_id` = `t50`.`patient_id`
  ) AS `t51`
) AS `t52`
